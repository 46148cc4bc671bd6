import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_STATUSES } from '@steppingstone/notifications';

/** Response shapes of /deliveries, for the OpenAPI document the web app's client is generated from. */
export class DeliveryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'What makes the delivery happen once only' }) key!: string;
  @ApiProperty({ enum: ['email', 'sms'] }) channel!: string;
  @ApiProperty({ description: 'Email address or phone number' }) recipient!: string;
  @ApiProperty({ example: 'invitation' }) template!: string;
  @ApiProperty({ nullable: true, type: String }) subject!: string | null;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String, description: 'The id the mail server or Notify gave the message' }) providerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) claimedAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt!: Date | null;
  @ApiProperty({
    nullable: true,
    enum: ['delivered', 'permanent-failure', 'temporary-failure', 'technical-failure'],
    description: 'What Notify’s delivery receipt said; null before one arrives (and for SMTP email)',
  })
  receiptStatus!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) receiptAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) updatedAt!: Date | null;
  @ApiProperty({ description: 'Failed, with its job recorded: POST /deliveries/{id}/retry can send it again' }) retriable!: boolean;
}

export class DeliveryPageView {
  @ApiProperty({ type: [DeliveryView] }) items!: DeliveryView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
